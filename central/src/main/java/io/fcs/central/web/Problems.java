package io.fcs.central.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problems every refusal of central answers with. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://fcs.io/problems/" + code.replace('_', '-')));
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail of(ApiException e) {
        ProblemDetail problem = of(e.status(), e.code(), e.detail());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail, Map<String, Object> props) {
        ProblemDetail problem = of(status, code, detail);
        props.forEach(problem::setProperty);
        return problem;
    }
}
