package io.dashtam.platform.http;

import io.dashtam.platform.SecurityHeaders;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * First in Tomcat's host pipeline: puts the security headers on every response before anything answers, so answers
 * Tomcat gives without reaching a filter (TRACE's 405, rejected requests) carry them too.
 */
public class SecurityHeadersValve extends ValveBase {

    SecurityHeadersValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        SecurityHeaders.apply(response);
        getNext().invoke(request, response);
    }
}
