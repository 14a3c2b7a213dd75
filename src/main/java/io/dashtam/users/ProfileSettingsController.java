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
 * for "the browser's" (what the web app then uses); {@code baseCurrency} is the ISO 4217 currency totals, history
 * and returns are converted into (GET answers the one in effect: the chosen one, else the first account's; PUT with
 * null goes back to that default). An unknown zone or currency is a 422 problem and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/users/me/settings")
class ProfileSettingsController {

    private final ProfileSettings settings;

    ProfileSettingsController(ProfileSettings settings) {
        this.settings = settings;
    }

    /**
     * {@code timeZone} is always there, null meaning "the browser's"; {@code baseCurrency} is the one in effect and
     * {@code baseCurrencyChosen} says whether the user chose it (false: the first account's currency).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SettingsView(String timeZone, String baseCurrency, boolean baseCurrencyChosen) {
    }

    /** The whole settings document (PUT): a missing or null field clears that setting. */
    record SettingsUpdate(@Size(max = TimeZoneSetting.MAX_LENGTH) String timeZone, @Size(max = 16) String baseCurrency) {
    }

    @GetMapping
    SettingsView get(@AuthenticationPrincipal AuthenticatedUser caller) {
        return view(caller);
    }

    /** Both fields are checked before either is stored: a refused one changes nothing. */
    @PutMapping
    SettingsView put(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody SettingsUpdate update) {
        settings.update(caller, update.timeZone(), update.baseCurrency());
        return view(caller);
    }

    private SettingsView view(AuthenticatedUser caller) {
        return new SettingsView(settings.timeZone(caller).map(ZoneId::getId).orElse(null),
                settings.baseCurrency(caller), settings.chosenBaseCurrency(caller).isPresent());
    }
}
