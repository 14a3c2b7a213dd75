package io.dashtam.web;

import io.dashtam.core.PublicEndpoints;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Browsers ask for {@code /favicon.ico} on their own, signed in or not: it points at the icon the pages link
 * (an SVG under {@code /assets}), instead of answering 401 as an API path without a token would.
 */
@RestController
class Favicon {

    @GetMapping("/favicon.ico")
    ResponseEntity<Void> favicon() {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create("/assets/favicon.svg")).build();
    }

    @Component
    static class FaviconPath implements PublicEndpoints {
        @Override
        public List<String> patterns() {
            return List.of("GET /favicon.ico");
        }
    }
}
