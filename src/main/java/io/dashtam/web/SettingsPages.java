package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.users.AccountService;
import io.dashtam.users.ProfileSettings;
import io.dashtam.users.SessionService;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.Comparator;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Profile, time zone, base currency, password change, sessions (sign out one or everywhere). The admin page is {@link AdminPages}. */
@Controller
class SettingsPages {

    private final AccountService accounts;
    private final SessionService sessions;
    private final ProfileSettings profileSettings;

    SettingsPages(AccountService accounts, SessionService sessions, ProfileSettings profileSettings) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.profileSettings = profileSettings;
    }

    @GetMapping("/app/settings")
    String settings(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("profile", accounts.profile(me));
        // This browser's own session first.
        model.addAttribute("sessions", sessions.sessions(me).stream()
                .sorted(Comparator.comparing(SessionService.SessionInfo::current).reversed()).toList());
        if (!model.containsAttribute("timeZone")) {
            model.addAttribute("timeZone", profileSettings.timeZone(me).map(ZoneId::getId).orElse(""));
        }
        model.addAttribute("zones", profileSettings.zones());
        if (!model.containsAttribute("baseCurrency")) {
            model.addAttribute("baseCurrency", profileSettings.chosenBaseCurrency(me).orElse(""));
        }
        model.addAttribute("effectiveBaseCurrency", profileSettings.baseCurrency(me));
        return "web/settings";
    }

    /** A code that is not ISO 4217 is a readable message with what was typed kept in the field; nothing is stored. */
    @PostMapping("/app/settings/base-currency")
    String baseCurrency(@AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) String baseCurrency, HttpServletResponse response, Model model) {
        try {
            profileSettings.setBaseCurrency(me, baseCurrency);
            return "redirect:/app/settings?baseCurrencySaved";
        } catch (DomainException e) {
            Refusals.onForm(e, response, model, "currencyError", "\"" + abbreviated(baseCurrency) + "\" is not a "
                    + "currency code: use an ISO 4217 code such as USD, EUR or GBP, or leave it empty for your first "
                    + "account's currency. Nothing was changed.");
            model.addAttribute("baseCurrency", abbreviated(baseCurrency));
            return settings(me, model);
        }
    }

    /** An unknown zone is a readable message with what was typed kept in the field; nothing is stored. */
    @PostMapping("/app/settings/time-zone")
    String timeZone(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) String timeZone,
            HttpServletResponse response, Model model) {
        try {
            profileSettings.setTimeZone(me, timeZone);
            return "redirect:/app/settings?timeZoneSaved";
        } catch (DomainException e) {
            Refusals.onForm(e, response, model, "tzError", "\"" + abbreviated(timeZone) + "\" is not a time zone "
                    + "Dashtam knows: use an IANA name such as Europe/Berlin or UTC, or leave it empty for your "
                    + "browser's. Nothing was changed.");
            model.addAttribute("timeZone", abbreviated(timeZone));
            return settings(me, model);
        }
    }

    private static String abbreviated(String text) {
        return text == null ? "" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    @PostMapping("/app/settings/password")
    String password(@AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword, HttpServletResponse response, Model model) {
        try {
            accounts.changePassword(me, new AccountService.PasswordChange(currentPassword, newPassword));
            return "redirect:/app/settings?passwordChanged";
        } catch (InvalidInputException e) {
            Refusals.onForm(e, response, model, "error", e.concerns("currentPassword")
                    && (currentPassword == null || currentPassword.isBlank())
                    ? "Enter your current password." : e.getMessage());
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
        }
        return settings(me, model);
    }

    @PostMapping("/app/settings/sessions/{id}/end")
    String endSession(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            HttpServletResponse response) {
        sessions.end(me, PageModel.uuid(id));
        if (PageModel.uuid(id).equals(me.sessionId())) {
            response.addHeader(HttpHeaders.SET_COOKIE, SessionCookieFilter.cookie("", 0));
            return "redirect:/app/signin?signedOut";
        }
        return "redirect:/app/settings?ended";
    }

    @PostMapping("/app/settings/sessions/end-all")
    String endAll(@AuthenticationPrincipal AuthenticatedUser me, HttpServletResponse response) {
        sessions.endAll(me);
        response.addHeader(HttpHeaders.SET_COOKIE, SessionCookieFilter.cookie("", 0));
        return "redirect:/app/signin?signedOut";
    }
}
