/**
 * The admin back-office under {@code /admin}: server-rendered pages (Thymeleaf, htmx for the live
 * parts) for organisers, finance and administrators, over the same services as the API.
 */
package io.fcs.central.backoffice;
