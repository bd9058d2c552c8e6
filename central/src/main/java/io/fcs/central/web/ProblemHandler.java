package io.fcs.central.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every refusal into an RFC 9457 problem with a stable {@code code}: bad input is a 400
 * ({@code malformed_request} for what is not JSON, {@code validation_failed} for JSON of the
 * wrong shape or values), unknown resources 404 {@code not_found}, {@link ApiException} its own
 * status and code. Unexpected errors become a 500 {@code internal_error} without internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        if (sentAsPage(e.status().value())) {
            return null;
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        Object retryAfter = e.properties().get("retryAfterSeconds");
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        return builder.body(Problems.of(e));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException e) {
        return respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "your role does not allow this"));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return respond(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "authentication required"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(Problems.of(
                HttpStatus.BAD_REQUEST, "validation_failed", "parameter '" + e.getName() + "' has the wrong format"));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        return respond(Problems.of(
                HttpStatus.BAD_REQUEST, "validation_failed", "request is invalid", Map.of("errors", errors)));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        // Value factories (Money, ids, Currency) reject bad input with IllegalArgumentException.
        return respond(Problems.of(HttpStatus.BAD_REQUEST, "validation_failed", safe(e.getMessage())));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        log.info(
                "refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return respond(Problems.of(HttpStatus.CONFLICT, "conflict", "the request conflicts with existing data"));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> optimistic(OptimisticLockingFailureException e) {
        return respond(Problems.of(HttpStatus.CONFLICT, "conflict", "changed concurrently, retry"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "unexpected error"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandler::fieldError)
                .toList();
        return problem(
                Problems.of(HttpStatus.BAD_REQUEST, "validation_failed", summary(errors), Map.of("errors", errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(HttpStatus.BAD_REQUEST, "validation_failed", "request parameters are invalid"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = jacksonCause(ex);
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "validation_failed",
                    "unknown field '" + unknown.getPropertyName() + "'",
                    Map.of("errors", List.of(Map.of("field", unknown.getPropertyName(), "message", "unknown field"))));
        } else if (cause instanceof DatabindException wrongShape) {
            String field = wrongShape.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b)
                    .orElse("body");
            problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "validation_failed",
                    "field '" + field + "' has the wrong type or value",
                    Map.of("errors", List.of(Map.of("field", field, "message", "wrong type or value"))));
        } else if (cause instanceof InputCoercionException) {
            problem = Problems.of(HttpStatus.BAD_REQUEST, "validation_failed", "a number is out of range");
        } else if (cause instanceof StreamReadException) {
            problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed_request", "the body is not valid JSON");
        } else {
            problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed_request", "the body is missing or unreadable");
        }
        return problem(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return problem(Problems.of(
                HttpStatus.BAD_REQUEST, "validation_failed", "parameter '" + ex.getParameterName() + "' is missing"));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not_found", "no such resource"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed here"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(
                Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "content type not supported"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return problem(Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "validation_failed",
                    "header '" + missing.getHeaderName() + "' is missing"));
        }
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            String code = statusCode.is4xxClientError() ? "bad_request" : "internal_error";
            if (statusCode.value() == 400) {
                code = "validation_failed";
            }
            problem.setProperty("code", code);
        }
        if (sentAsPage(statusCode.value())) {
            return null;
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /** The outermost Jackson exception in the cause chain (the root cause may be a JDK one). */
    private static Throwable jacksonCause(Throwable ex) {
        for (Throwable t = ex; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof tools.jackson.core.JacksonException) {
                return t;
            }
        }
        return ex.getCause();
    }

    private static Map<String, String> fieldError(FieldError error) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("field", error.getField());
        entry.put("message", error.getDefaultMessage() == null ? "invalid" : error.getDefaultMessage());
        return entry;
    }

    private static String summary(List<Map<String, String>> errors) {
        return errors.isEmpty()
                ? "request is invalid"
                : errors.stream()
                        .map(e -> e.get("field") + ": " + e.get("message"))
                        .reduce((a, b) -> a + "; " + b)
                        .orElseThrow();
    }

    private static String safe(String message) {
        return message == null ? "invalid value" : message.length() > 300 ? message.substring(0, 300) : message;
    }

    /**
     * A browser asking for a web page gets the site's HTML error page for the status (rendered by
     * the error controller), never a problem document or a stack trace; the API gets problems.
     */
    private static boolean sentAsPage(int status) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || attributes.getResponse() == null) {
            return false;
        }
        HttpServletRequest request = attributes.getRequest();
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        boolean wantsPage = accept != null && accept.contains("text/html") || request.getHeader("HX-Request") != null;
        if (!wantsPage || ApiPaths.isApi(request)) {
            return false;
        }
        try {
            attributes.getResponse().sendError(status);
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        if (sentAsPage(problem.getStatus())) {
            return null;
        }
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        if (sentAsPage(problem.getStatus())) {
            return null;
        }
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
