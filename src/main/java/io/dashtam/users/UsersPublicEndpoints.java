package io.dashtam.users;

import io.dashtam.core.PublicEndpoints;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * How a caller gets a token (register, login, refresh) or proves a mailed one (verify email, reset password):
 * none of these can require a bearer token.
 */
@Component
class UsersPublicEndpoints implements PublicEndpoints {

    @Override
    public List<String> patterns() {
        return List.of("POST /api/v1/users", "POST /api/v1/sessions", "POST /api/v1/tokens",
                "POST /api/v1/email-verifications",
                "POST /api/v1/email-verifications/resend", "POST /api/v1/password-resets",
                "POST /api/v1/password-resets/confirm");
    }
}
