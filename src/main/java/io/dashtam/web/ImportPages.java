package io.dashtam.web;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.imports.FileImports;
import io.dashtam.providers.UserConnections;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload an OFX/QFX or CSV file into a file connection: preview first (rows, duplicates, the CSV column mapping;
 * nothing stored), then confirm. The previewed bytes ride along in the confirm form, so the same file is stored.
 */
@Controller
class ImportPages {

    private final FileImports imports;
    private final UserConnections connections;

    ImportPages(FileImports imports, UserConnections connections) {
        this.imports = imports;
        this.connections = connections;
    }

    @GetMapping("/app/import")
    String form(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) String connection,
            Model model) {
        model.addAttribute("targets", connections.list(me).stream().filter(c -> "file".equals(c.category())).toList());
        model.addAttribute("chosen", connection);
        model.addAttribute("v", Map.of());
        return "web/import";
    }

    @PostMapping("/app/import")
    String upload(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam Map<String, String> v,
            @RequestParam(name = "file", required = false) MultipartFile file, HttpServletResponse response,
            Model model) throws IOException {
        String connection = v.get("connection");
        byte[] content = file != null && !file.isEmpty() ? file.getBytes() : decode(v.get("content"));
        String fileName = file != null && !file.isEmpty() ? file.getOriginalFilename() : v.get("fileName");
        boolean confirm = "confirm".equals(v.get("action"));
        String format = blank(v.get("format")) == null ? guess(fileName) : v.get("format");
        FileImports.CsvMapping csv = "csv".equalsIgnoreCase(format) ? new FileImports.CsvMapping(
                blank(v.get("accountNumber")), blank(v.get("accountName")), blank(v.get("currency")),
                blank(v.get("colDate")), blank(v.get("colAmount")), blank(v.get("colDescription")),
                blank(v.get("colType")), blank(v.get("colSymbol")), blank(v.get("colQuantity")),
                blank(v.get("colPrice")), blank(v.get("colStatus")), blank(v.get("dateFormat")),
                blank(v.get("delimiter"))) : null;
        model.addAttribute("targets", connections.list(me).stream().filter(c -> "file".equals(c.category())).toList());
        model.addAttribute("chosen", connection);
        model.addAttribute("v", v);
        try {
            var outcome = imports.importFile(me, DashboardPage.uuid(connection), format, fileName, content, !confirm,
                    csv);
            model.addAttribute("outcome", outcome);
            model.addAttribute("content", Base64.getEncoder().encodeToString(content));
            model.addAttribute("fileName", fileName);
            model.addAttribute("format", format);
        } catch (ApiException e) {
            response.setStatus(e.status() == 404 ? 422 : e.status());
            model.addAttribute("error", e.status() == 404 ? "Choose one of your file connections." : e.getMessage());
        }
        return "web/import";
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The previewed file was damaged; upload it again.");
        }
    }

    private static String guess(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".ofx") ? "ofx" : name.endsWith(".qfx") ? "qfx" : "csv";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
