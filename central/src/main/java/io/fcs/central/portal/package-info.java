/**
 * The attendee portal at {@code /} (French and English): registration, tickets with their QR,
 * wallet and wristbands, programme, map and support, over the same services as the API.
 */
package io.fcs.central.portal;
