package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.users.AccessTokenService;
import io.dashtam.users.AccountService;
import io.dashtam.users.MfaService;
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

/**
 * Profile, time zone, base currency, two-step sign-in, password change, sessions (sign out one or everywhere). The
 * admin page is {@link AdminPages}.
 */
@Controller
class SettingsPages {

    private final AccountService accounts;
    private final SessionService sessions;
    private final ProfileSettings profileSettings;
    private final MfaService mfa;
    private final AccessTokenService tokens;

    SettingsPages(AccountService accounts, SessionService sessions, ProfileSettings profileSettings, MfaService mfa,
            AccessTokenService tokens) {
        this.mfa = mfa;
        this.tokens = tokens;
        this.accounts = accounts;
        this.sessions = sessions;
        this.profileSettings = profileSettings;
    }

    @GetMapping("/app/settings")
    String settings(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("profile", accounts.profile(me));
        model.addAttribute("mfa", mfa.status(me));
        model.addAttribute("tokens", tokens.list(me));
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
            @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String revokeAccessTokens, HttpServletResponse response, Model model) {
        try {
            accounts.changePassword(me, new AccountService.PasswordChange(currentPassword, newPassword,
                    revokeAccessTokens != null));
            return "redirect:/app/settings?passwordChanged";
        } catch (InvalidInputException e) {
            if (e.concerns("currentPassword") && (currentPassword == null || currentPassword.isBlank())) {
                Refusals.onForm(e, response, model, "error", "Enter your current password.");
            } else {
                Refusals.onForm(e, response, model);
            }
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

    // Two-step sign-in: set up an authenticator app (its QR code drawn on the server, the secret and the otpauth URI
    // to type or paste instead), confirm with its first code, see the ten recovery codes once, turn it off.

    @PostMapping("/app/settings/mfa/totp")
    String start(@AuthenticationPrincipal AuthenticatedUser me, HttpServletResponse response, Model model) {
        try {
            mfa.startTotp(me);
            return "redirect:/app/settings/mfa/totp";
        } catch (DomainException e) {
            Refusals.onForm(e, response, model, "mfaError", e.getMessage());
            return settings(me, model);
        }
    }

    /** The set-up waiting for its first code; reloading shows the same secret, never a new one. */
    @GetMapping("/app/settings/mfa/totp")
    String setup(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        var pending = mfa.pendingTotp(me).orElse(null);
        if (pending == null) {
            return "redirect:/app/settings";
        }
        model.addAttribute("qr", QrCode.dataUrl(pending.otpauthUri()));
        model.addAttribute("secret", grouped(pending.secret()));
        model.addAttribute("otpauthUri", pending.otpauthUri());
        return "web/totp-setup";
    }

    /** Answers with the recovery codes themselves (no redirect): they are shown this once and never stored in clear. */
    @PostMapping("/app/settings/mfa/totp/confirm")
    String confirm(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) String code,
            HttpServletResponse response, Model model) {
        try {
            model.addAttribute("codes", mfa.confirmTotp(me, new MfaService.Confirmation(code)));
            return "web/totp-recovery";
        } catch (DomainException e) {
            Refusals.onForm(e, response, model, "error", e.getMessage().startsWith("code: ")
                    ? "That is not the current code of your authenticator app. Check the app's clock and enter the "
                    + "six digits it shows now." : e.getMessage());
            int status = response.getStatus();
            String page = setup(me, model);
            response.setStatus(status);
            return page;
        }
    }

    @PostMapping("/app/settings/mfa/totp/disable")
    String disable(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) String password,
            @RequestParam(required = false) String code, HttpServletResponse response, Model model) {
        try {
            mfa.disableTotp(me, new MfaService.Disabling(password, code));
            return "redirect:/app/settings?mfaOff";
        } catch (DomainException e) {
            String message = e.getMessage().replaceFirst("^(password|code): ", "The $1 ");
            Refusals.onForm(e, response, model, "mfaError", message + (message.endsWith(".") ? "" : ".")
                    + " Nothing was changed.");
            return settings(me, model);
        }
    }

    /** Four characters at a time, as people copy it into an app by hand. */
    private static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    /** Answers with the page itself, not a redirect: the token is shown this once and never stored. */
    @PostMapping("/app/settings/tokens")
    String createToken(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) String name,
            @RequestParam(required = false) String scope, @RequestParam(required = false) Integer expiresInDays,
            HttpServletResponse response, Model model) {
        try {
            model.addAttribute("newToken", tokens.create(me, new AccessTokenService.NewToken(name, scope,
                    expiresInDays)));
        } catch (InvalidInputException e) {
            Refusals.onForm(e, response, model, "tokenError", "Give the token a name (up to 100 characters), choose "
                    + "read or write, and a lifetime of 1 to 366 days. No token was made.");
        } catch (DomainException e) {
            Refusals.onForm(e, response, model, "tokenError", e.getMessage());
        }
        return settings(me, model);
    }

    @PostMapping("/app/settings/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id) {
        tokens.revoke(me, PageModel.uuid(id));
        return "redirect:/app/settings?tokenRevoked";
    }
}
