package io.dashtam.platform.runtime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

public final class Versions {

    private Versions() {
    }

    public static String of(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return properties != null ? properties.getVersion() : "development";
    }
}
