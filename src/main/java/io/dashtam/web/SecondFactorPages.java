package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.users.MfaService;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Two-step sign-in in Settings: set up an authenticator app (its QR code drawn on the server, the secret and the
 * otpauth URI to type or paste instead), confirm with its first code, see the ten recovery codes once, turn it off.
 */
@Controller
class SecondFactorPages {

    private final MfaService mfa;
    private final SettingsPages settings;

    SecondFactorPages(MfaService mfa, SettingsPages settings) {
        this.mfa = mfa;
        this.settings = settings;
    }

    @PostMapping("/app/settings/mfa/totp")
    String start(@AuthenticationPrincipal AuthenticatedUser me, HttpServletResponse response, Model model) {
        try {
            mfa.startTotp(me);
            return "redirect:/app/settings/mfa/totp";
        } catch (DomainException e) {
            Refusals.onForm(e, response, model, "mfaError", e.getMessage());
            return settings.settings(me, model);
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
            return settings.settings(me, model);
        }
    }

    /** Four characters at a time, as people copy it into an app by hand. */
    private static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
