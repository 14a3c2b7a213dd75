package io.dashtam;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DashtamApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("migrate")) {
            System.exit(io.dashtam.platform.MigrationCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("rotate-keys")) {
            System.exit(io.dashtam.providers.RotateKeysCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("backup")) {
            System.exit(io.dashtam.backup.BackupCommand.backup(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("restore")) {
            System.exit(io.dashtam.backup.BackupCommand.restore(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(DashtamApplication.class, args);
    }
}
