package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InvalidInputException;
import io.dashtam.privacy.PersonalDataService;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Settings' "Your data": the export download and the account deletion (password, and second factor when on). */
@Controller
class PrivacyPages {

    private final PersonalDataService privacy;
    private final Clock clock;

    PrivacyPages(PersonalDataService privacy, Clock clock) {
        this.privacy = privacy;
        this.clock = clock;
    }

    @GetMapping("/app/settings/export")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal AuthenticatedUser me) {
        String name = "dashtam-export-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".zip";
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> privacy.export(me, out));
    }

    @PostMapping("/app/settings/delete-account")
    String delete(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String code, HttpServletResponse response) {
        try {
            privacy.deleteAccount(me, new PersonalDataService.Deletion(password, code));
        } catch (InvalidInputException e) {
            return "redirect:/app/settings?deleteRefused#your-data";
        }
        response.addHeader(HttpHeaders.SET_COOKIE, SessionCookieFilter.cookie("", 0));
        return "redirect:/app/signin?accountDeleted";
    }
}
