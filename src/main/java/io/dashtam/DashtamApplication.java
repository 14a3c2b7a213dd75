package io.dashtam;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DashtamApplication {

    public static void main(String[] args) {
        SpringApplication.run(DashtamApplication.class, args);
    }
}
