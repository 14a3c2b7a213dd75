package io.dashtam.web;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.users.BrowserAccounts;
import io.dashtam.users.RegistrationSetting;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin page (admins only, by path in {@link WebSecurity}): users (disable, enable, end sessions), who may sign
 * up (the mode in force and where it comes from; set or reset it), and invite links (create, list, revoke).
 */
@Controller
class AdminPages {

    private final BrowserAccounts accounts;
    private final RegistrationSetting registration;

    AdminPages(BrowserAccounts accounts, RegistrationSetting registration) {
        this.accounts = accounts;
        this.registration = registration;
    }

    @GetMapping("/app/admin")
    String admin(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("users", accounts.listUsers(me, 500, 0));
        model.addAttribute("invites", accounts.invites(me, 20));
        model.addAttribute("registration", registration.view(me));
        return "web/admin";
    }

    /** Answers with the page itself, not a redirect: the link is shown this once and never stored. */
    @PostMapping("/app/admin/invites")
    String createInvite(@AuthenticationPrincipal AuthenticatedUser me, HttpServletResponse response, Model model) {
        try {
            model.addAttribute("newInvite", accounts.createInvite(me));
        } catch (ApiException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.getMessage());
        }
        return admin(me, model);
    }

    /** An invite that is no longer open (another admin was quicker, it was used or expired) says so on the page. */
    @PostMapping("/app/admin/invites/{id}/revoke")
    String revokeInvite(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            HttpServletResponse response, Model model) {
        try {
            accounts.revokeInvite(me, DashboardPage.uuid(id));
            return "redirect:/app/admin?inviteRevoked";
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            response.setStatus(404);
            model.addAttribute("error", "This invite is no longer open (used, revoked or expired): nothing was "
                    + "changed.");
            return admin(me, model);
        }
    }

    /** Anything but the three modes is a readable message and changes nothing. */
    @PostMapping("/app/admin/registration")
    String setRegistration(@AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) String mode, HttpServletResponse response, Model model) {
        try {
            registration.change(me, mode);
            return "redirect:/app/admin?registrationSaved";
        } catch (ApiException e) {
            if (e.status() != 422) {
                throw e;
            }
            response.setStatus(422);
            model.addAttribute("registrationError", "Choose open, invite-only or closed. Nothing was changed.");
            return admin(me, model);
        }
    }

    @PostMapping("/app/admin/registration/reset")
    String resetRegistration(@AuthenticationPrincipal AuthenticatedUser me) {
        registration.reset(me);
        return "redirect:/app/admin?registrationSaved";
    }

    @PostMapping("/app/admin/users/{id}/{action}")
    String adminAction(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @PathVariable String action) {
        var target = DashboardPage.uuid(id);
        switch (action) {
            case "disable" -> accounts.disable(me, target);
            case "enable" -> accounts.enable(me, target);
            case "end-sessions" -> accounts.endSessionsOf(me, target);
            default -> throw ApiException.notFound("Action");
        }
        return "redirect:/app/admin";
    }
}
