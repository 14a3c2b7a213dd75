package io.dashtam.core;

import java.util.List;

/**
 * Requests a module serves without a bearer token, each {@code "METHOD /path/pattern"} or just
 * {@code "/path/pattern"} for every method (Ant-style patterns). Everything else requires one, so a new
 * endpoint is protected unless its module says otherwise.
 */
public interface PublicEndpoints {

    List<String> patterns();
}
