package io.dashtam.users;

import io.dashtam.core.PublicEndpoints;
import java.util.List;
import org.springframework.stereotype.Component;

/** Registration, login and token refresh are how a caller gets a token, so they cannot require one. */
@Component
class UsersPublicEndpoints implements PublicEndpoints {

    @Override
    public List<String> patterns() {
        return List.of("POST /api/v1/users", "POST /api/v1/sessions", "POST /api/v1/tokens");
    }
}
