package io.dashtam.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dashtam.core.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users/me/settings}: the caller's display settings. {@code timeZone} is an IANA zone id, or null
 * for "the browser's" (what the web app then uses); an unknown zone is a 422 problem and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/users/me/settings")
class ProfileSettingsController {

    private final ProfileSettings settings;

    ProfileSettingsController(ProfileSettings settings) {
        this.settings = settings;
    }

    /** {@code timeZone} is always there, null meaning "the browser's". */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SettingsView(String timeZone) {
    }

    /** The whole settings document (PUT): a missing or null {@code timeZone} clears it. */
    record SettingsUpdate(@Size(max = TimeZoneSetting.MAX_LENGTH) String timeZone) {
    }

    @GetMapping
    SettingsView get(@AuthenticationPrincipal AuthenticatedUser caller) {
        return new SettingsView(settings.timeZone(caller).map(ZoneId::getId).orElse(null));
    }

    @PutMapping
    SettingsView put(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody SettingsUpdate update) {
        return new SettingsView(settings.setTimeZone(caller, update.timeZone()).orElse(null));
    }
}
