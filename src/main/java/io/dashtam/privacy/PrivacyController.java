package io.dashtam.privacy;

import io.dashtam.core.AuthenticatedUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The API adapter of the privacy use cases. */
@RestController
class PrivacyController {

    private final PersonalDataService service;
    private final Clock clock;

    PrivacyController(PersonalDataService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** Everything Dashtam holds about the caller: a ZIP of JSON and CSV files, streamed as it is read. */
    @GetMapping("/api/v1/users/me/export")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal AuthenticatedUser caller) {
        String name = "dashtam-export-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".zip";
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> service.export(caller, out));
    }

    /**
     * Deletes the caller's account: {@code {"password": "...", "code": "..."}} (the code when two-step sign-in is
     * on); 204, then every token of theirs is refused.
     */
    @DeleteMapping("/api/v1/users/me")
    ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser caller,
                                @RequestBody PersonalDataService.Deletion deletion) {
        service.deleteAccount(caller, deletion);
        return ResponseEntity.noContent().build();
    }
}
