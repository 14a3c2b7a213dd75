package io.dashtam.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

final class Versions {

    private Versions() {
    }

    static String of(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return properties != null ? properties.getVersion() : "development";
    }
}
