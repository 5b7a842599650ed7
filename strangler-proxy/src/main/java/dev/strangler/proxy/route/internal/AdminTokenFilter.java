package dev.strangler.proxy.route.internal;

import dev.strangler.proxy.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every {@code /admin/**} call needs the bearer token; without it: 401 problem+json, and nothing runs. */
final class AdminTokenFilter extends OncePerRequestFilter {

    private final AdminToken token;

    AdminTokenFilter(AdminToken token) {
        this.token = token;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token.accepts(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"strangler-proxy\"");
        Problem.of(401, "unauthorized", "The admin API needs the bearer token from the proxy's admin token file.")
                .writeTo(response);
    }
}
