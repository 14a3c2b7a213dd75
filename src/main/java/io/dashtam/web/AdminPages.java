package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ConflictException;
import io.dashtam.core.DomainException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.UserId;
import io.dashtam.users.AdminService;
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

    private final AdminService admin;
    private final RegistrationSetting registration;

    AdminPages(AdminService admin, RegistrationSetting registration) {
        this.admin = admin;
        this.registration = registration;
    }

    @GetMapping("/app/admin")
    String admin(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("users", admin.users(me, 500, 0));
        model.addAttribute("invites", admin.invites(me, 20));
        model.addAttribute("registration", registration.view(me));
        return "web/admin";
    }

    /** Answers with the page itself, not a redirect: the link is shown this once and never stored. */
    @PostMapping("/app/admin/invites")
    String createInvite(@AuthenticationPrincipal AuthenticatedUser me, HttpServletResponse response, Model model) {
        try {
            model.addAttribute("newInvite", admin.createInvite(me));
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
        }
        return admin(me, model);
    }

    /** An invite that is no longer open (another admin was quicker, it was used or expired) says so on the page. */
    @PostMapping("/app/admin/invites/{id}/revoke")
    String revokeInvite(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            HttpServletResponse response, Model model) {
        try {
            admin.revokeInvite(me, PageModel.uuid(id));
            return "redirect:/app/admin?inviteRevoked";
        } catch (NotFoundException e) {
            Refusals.onForm(e, response, model, "error", "This invite is no longer open (used, revoked or "
                    + "expired): nothing was changed.");
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
        } catch (InvalidInputException e) {
            Refusals.onForm(e, response, model, "registrationError", "Choose open, invite-only or closed. Nothing "
                    + "was changed.");
            return admin(me, model);
        }
    }

    @PostMapping("/app/admin/registration/reset")
    String resetRegistration(@AuthenticationPrincipal AuthenticatedUser me) {
        registration.reset(me);
        return "redirect:/app/admin?registrationSaved";
    }

    /** A refusal (an admin's own account, one already disabled) is a message on the admin page, not an error page. */
    @PostMapping("/app/admin/users/{id}/{action}")
    String adminAction(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @PathVariable String action, HttpServletResponse response, Model model) {
        var target = new UserId(PageModel.uuid(id));
        try {
            switch (action) {
                case "disable" -> admin.disable(me, target);
                case "enable" -> admin.enable(me, target);
                case "end-sessions" -> admin.endSessions(me, target);
                case "unlock" -> admin.unlock(me, target);
                case "reset-mfa" -> admin.resetSecondFactor(me, target);
                default -> throw new NotFoundException("Action");
            }
        } catch (ConflictException e) {
            Refusals.onForm(e, response, model, "userError", e.getMessage() + ". Nothing was changed.");
            return admin(me, model);
        }
        return "redirect:/app/admin";
    }
}
