package io.fcs.central.web;

import io.fcs.central.config.CentralProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized request bodies with 413 {@code payload_too_large} before anything reads
 * them: by the declared length, and by counting for chunked bodies (the read then fails and the
 * request is answered as unreadable, changing nothing).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBody;
    private final long maxSyncBody;

    BodySizeLimitFilter(CentralProperties properties) {
        this.maxBody = properties.http().maxBodyBytes();
        this.maxSyncBody = properties.http().maxSyncBodyBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().startsWith("/sync/") ? maxSyncBody : maxBody;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            response.setStatus(413);
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"type\":\"https://fcs.io/problems/payload-too-large\",\"title\":\"Content Too Large\","
                            + "\"status\":413,\"detail\":\"request body larger than " + limit
                            + " bytes\",\"code\":\"payload_too_large\"}");
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Limited(request, limit), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long count;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++count > limit) {
                        throw new IOException("request body larger than " + limit + " bytes");
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0 && (count += n) > limit) {
                        throw new IOException("request body larger than " + limit + " bytes");
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
