package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.UnauthenticatedException;
import io.dashtam.users.AccountService;
import io.dashtam.users.SessionService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign up, verify email, sign in, sign out, forgot/reset password: the API's rules, readable messages. */
@Controller
class AuthPages {

    private final AccountService accounts;
    private final SessionService sessions;
    private final OidcClient sso;

    AuthPages(AccountService accounts, SessionService sessions, OidcClient sso) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.sso = sso;
    }

    /** With single sign-on configured, the page offers it; a refused SSO sign-in comes back here with its reason. */
    @ModelAttribute
    void singleSignOn(@RequestParam(name = "sso", required = false) String refusal, HttpServletRequest request,
            Model model) {
        if (!sso.enabled() || !request.getRequestURI().equals("/app/signin")) {
            return;
        }
        model.addAttribute("ssoName", sso.name());
        if (refusal != null) {
            model.addAttribute("ssoError", switch (refusal) {
                case "expired" -> "The sign-in with " + sso.name() + " could not be completed: it was started in "
                        + "another browser, took too long, or was already used. Start it again.";
                case "unavailable" -> sso.name() + " cannot be reached right now. Try again later, or sign in "
                        + "with your password.";
                case "sso_not_linked" -> "No Dashtam account is linked to this " + sso.name() + " sign-in, and "
                        + "none can be made for it here. Sign in with your password, or ask the admin.";
                case "account_disabled" -> "This account is disabled.";
                case "email_unverified" -> "Verify your email address first: open the link in the mail we sent, "
                        + "or ask for a new one.";
                default -> "The answer from " + sso.name() + " could not be verified, so you were not signed in. "
                        + "Try again, or ask the admin.";
            });
        }
    }

    /** The button's target: the provider's sign-in if it can be reached, else the reason on this page. */
    @GetMapping("/app/signin/sso")
    String singleSignOn() {
        if (!sso.enabled()) {
            return "redirect:/app/signin";
        }
        return sso.findByRegistrationId(OidcClient.REGISTRATION) == null ? "redirect:/app/signin?sso=unavailable"
                : "redirect:" + SingleSignOnLogin.START;
    }

    /** Browsers asking for {@code /} get the app; JSON clients keep the API index (content negotiation). */
    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String root() {
        return "redirect:/app";
    }

    /** Already signed in: the dashboard, not a second sign-in. */
    @GetMapping("/app/signin")
    String signInForm(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        return me != null ? "redirect:/app" : "web/signin";
    }

    /**
     * With a second factor the form comes back asking for the code as well (the password is typed again: it is never
     * put into a page). An unverified email gets the way to a new verification mail.
     */
    @PostMapping("/app/signin")
    String signIn(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
            @RequestParam(required = false) String otp, HttpServletResponse response, Model model) {
        try {
            var signedIn = sessions.signIn(new SessionService.Login(email, password, otp));
            response.addHeader(HttpHeaders.SET_COOKIE,
                    SessionCookieFilter.cookie(signedIn.cookieToken().value(), signedIn.maxAgeSeconds()));
            return "redirect:/app";
        } catch (InvalidInputException e) {
            Refusals.onForm(e, response, model, "error", "Enter your email and password.");
        } catch (UnauthenticatedException e) {
            Refusals.onForm(e, response, model);
            if (e.type() != null) { // mfa-required, mfa-invalid
                model.addAttribute("askOtp", true);
            }
        } catch (ForbiddenException e) {
            Refusals.onForm(e, response, model);
            model.addAttribute("unverified", "email_unverified".equals(e.details().get("reason")));
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
        }
        model.addAttribute("email", email);
        return "web/signin";
    }

    /** The same answer whatever the email: a mail goes out only to an active account that is not yet verified. */
    @PostMapping("/app/verify-email/resend")
    String resendVerification(@RequestParam(required = false) String email, HttpServletResponse response,
            Model model) {
        try {
            accounts.resendVerification(new AccountService.ResendRequest(email));
            model.addAttribute("resent", true);
            model.addAttribute("outbox", accounts.mailStaysInOutbox());
        } catch (InvalidInputException e) {
            Refusals.onForm(e, response, model, "error", "Enter your email address.");
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
        }
        return "web/verify";
    }

    @PostMapping("/app/signout")
    String signOut(@AuthenticationPrincipal AuthenticatedUser me, HttpServletResponse response) {
        sessions.signOut(me);
        response.addHeader(HttpHeaders.SET_COOKIE, SessionCookieFilter.cookie("", 0));
        return "redirect:/app/signin?signedOut";
    }

    /** Closed, no invite in invite-only mode, or a bad invite: the page says why instead of showing the form. */
    @GetMapping("/app/signup")
    String signUpForm(@RequestParam(required = false) String invite, Model model) {
        model.addAttribute("invite", invite);
        accounts.signUpRefusal(invite).ifPresent(reason -> model.addAttribute("refusal", reason));
        return "web/signup";
    }

    @PostMapping("/app/signup")
    String signUp(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
            @RequestParam(required = false) String name, @RequestParam(required = false) String invite,
            HttpServletResponse response, Model model) {
        try {
            accounts.register(new AccountService.Registration(email, password, name, invite));
            model.addAttribute("email", email.trim());
            model.addAttribute("outbox", accounts.mailStaysInOutbox());
            return "web/signup-done";
        } catch (ForbiddenException e) { // refused by the registration setting: no form to fill in again
            Refusals.onForm(e, response, model, "refusal", e.getMessage());
        } catch (InvalidInputException e) {
            if (e.concerns("inviteToken")) {
                Refusals.onForm(e, response, model, "error", "This invite link is not valid. Check that you copied "
                        + "all of it.");
            } else {
                Refusals.onForm(e, response, model);
            }
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
        }
        model.addAttribute("email", email);
        model.addAttribute("name", name);
        model.addAttribute("invite", invite);
        return "web/signup";
    }

    @GetMapping("/app/verify-email")
    String verifyForm(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        return "web/verify";
    }

    @PostMapping("/app/verify-email")
    String verify(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        try {
            accounts.verifyEmail(new AccountService.TokenOnly(token));
            return "redirect:/app/signin?verified";
        } catch (InvalidInputException e) {
            Refusals.onForm(e, response, model, "error", "Enter the token from the mail.");
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
        }
        return "web/verify";
    }

    @GetMapping("/app/forgot-password")
    String forgotForm() {
        return "web/forgot";
    }

    @PostMapping("/app/forgot-password")
    String forgot(@RequestParam(required = false) String email, HttpServletResponse response, Model model) {
        try {
            accounts.requestPasswordReset(new AccountService.ResetRequest(email));
            model.addAttribute("sent", true);
            model.addAttribute("outbox", accounts.mailStaysInOutbox());
        } catch (InvalidInputException e) {
            Refusals.onForm(e, response, model, "error", "Enter your email address.");
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
        }
        return "web/forgot";
    }

    @GetMapping("/app/reset-password")
    String resetForm(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        return "web/reset";
    }

    @PostMapping("/app/reset-password")
    String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
            HttpServletResponse response, Model model) {
        try {
            accounts.resetPassword(new AccountService.ResetConfirmation(token, password));
            return "redirect:/app/signin?reset";
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
            model.addAttribute("token", token);
            return "web/reset";
        }
    }

    /** Where refused requests (a missing CSRF token, a non-admin on an admin page) are forwarded. */
    @RequestMapping("/app/forbidden")
    String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        return Refusals.page(403, "Forbidden", "This request was refused: you may not do this, or the form was "
                + "stale or not sent by this app. Reload the page and try again.", request, response, model);
    }

    /** Any other path under /app: a 404 page, not a problem document. */
    @RequestMapping("/app/**")
    String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        return Refusals.page(404, "Not found", "There is nothing here, or it is not yours.", request, response,
                model);
    }
}
