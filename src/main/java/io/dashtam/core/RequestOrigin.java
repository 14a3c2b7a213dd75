package io.dashtam.core;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Where a request came from, for audit rows and rate limits. The IP honours only trusted proxies. */
public record RequestOrigin(String ip, String userAgent) {

    public static final String ATTRIBUTE = RequestOrigin.class.getName();
    public static final RequestOrigin UNKNOWN = new RequestOrigin("unknown", "");
    public static final RequestOrigin SYSTEM = new RequestOrigin("system", "dashtam");

    public RequestOrigin {
        ip = ip == null ? "unknown" : ip;
        userAgent = userAgent == null ? "" : userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent;
    }

    /** The origin of the current HTTP request, or {@link #SYSTEM} outside one (schedulers). */
    public static RequestOrigin current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return SYSTEM;
        }
        Object origin = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return origin instanceof RequestOrigin o ? o : UNKNOWN;
    }
}
