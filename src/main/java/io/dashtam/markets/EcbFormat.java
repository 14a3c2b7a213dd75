package io.dashtam.markets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The ECB's euro reference rates files, read strictly: the daily and 90-day XML ({@code gesmes:Envelope} with
 * {@code Cube time=} days of {@code Cube currency= rate=}) and the history CSV ({@code Date,USD,JPY,...,} newest
 * first, {@code N/A} where a currency had no rate), also inside {@code eurofxref-hist.zip}. A truncated file, another
 * format, a currency that is not ISO 4217 or a rate at or below zero fails the whole file with {@link RatesFileException}:
 * nothing of it is stored.
 */
final class EcbFormat {

    static final String NAMESPACE = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";
    static final String GESMES = "http://www.gesmes.org/xml/2002-08-01";

    /** Day → currency → units per euro. */
    record Rates(TreeMap<LocalDate, Map<String, BigDecimal>> days) {
        int count() {
            return days.values().stream().mapToInt(Map::size).sum();
        }
    }

    static final class RatesFileException extends RuntimeException {
        RatesFileException(String message) {
            super(message, null, false, false);
        }
    }

    private EcbFormat() {
    }

    static Rates xml(byte[] body) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new RatesFileException("the rates file is not well-formed XML (truncated or another format)");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        if (!"Envelope".equals(root.getLocalName()) || !GESMES.equals(root.getNamespaceURI())) {
            throw new RatesFileException("the rates file is not an ECB gesmes:Envelope");
        }
        TreeMap<LocalDate, Map<String, BigDecimal>> days = new TreeMap<>();
        NodeList cubes = root.getElementsByTagNameNS(NAMESPACE, "Cube");
        for (int i = 0; i < cubes.getLength(); i++) {
            Element cube = (Element) cubes.item(i);
            if (!cube.hasAttribute("time")) {
                continue;
            }
            LocalDate day = date(cube.getAttribute("time"));
            Map<String, BigDecimal> rates = new TreeMap<>();
            NodeList children = cube.getElementsByTagNameNS(NAMESPACE, "Cube");
            for (int j = 0; j < children.getLength(); j++) {
                Element c = (Element) children.item(j);
                rates.put(currency(c.getAttribute("currency")), rate(c.getAttribute("rate")));
            }
            if (rates.isEmpty()) {
                throw new RatesFileException("the rates file has a day without rates: " + day);
            }
            if (days.put(day, rates) != null) {
                throw new RatesFileException("the rates file has " + day + " twice");
            }
        }
        if (days.isEmpty()) {
            throw new RatesFileException("the rates file holds no days");
        }
        return new Rates(days);
    }

    static Rates csv(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new RatesFileException("the rates CSV is truncated (no line end after its last row)");
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("Date,")) {
            throw new RatesFileException("the rates CSV does not start with the header Date,USD,...");
        }
        List<String> header = cells(lines.get(0));
        List<String> currencies = new ArrayList<>();
        for (String h : header.subList(1, header.size())) {
            currencies.add(h.isBlank() ? null : currency(h.trim()));
        }
        TreeMap<LocalDate, Map<String, BigDecimal>> days = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            if (cells.size() != header.size()) {
                throw new RatesFileException("a row of the rates CSV has " + cells.size() + " columns, the header "
                        + header.size());
            }
            LocalDate day = date(cells.get(0).trim());
            Map<String, BigDecimal> rates = new TreeMap<>();
            for (int i = 1; i < cells.size(); i++) {
                String v = cells.get(i).trim();
                if (currencies.get(i - 1) == null || v.isEmpty() || v.equals("N/A")) {
                    continue;
                }
                rates.put(currencies.get(i - 1), rate(v));
            }
            if (days.put(day, rates) != null) {
                throw new RatesFileException("the rates CSV has " + day + " twice");
            }
        }
        if (days.isEmpty()) {
            throw new RatesFileException("the rates CSV holds no days");
        }
        return new Rates(days);
    }

    /** The history ZIP: its one CSV entry. */
    static Rates zip(byte[] body) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith(".csv")) {
                    return csv(zip.readNBytes(64 * 1024 * 1024));
                }
            }
        } catch (IOException e) {
            throw new RatesFileException("the rates ZIP is truncated or not a ZIP");
        }
        throw new RatesFileException("the rates ZIP holds no CSV file");
    }

    private static List<String> cells(String line) {
        return List.of(line.split(",", -1));
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new RatesFileException("the rates file has a day that is not a date (YYYY-MM-DD)");
        }
    }

    static String currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new RatesFileException("the rates file names a currency that is not an ISO 4217 code");
        }
        try {
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RatesFileException("the rates file names a currency that is not an ISO 4217 code");
        }
        return code;
    }

    private static BigDecimal rate(String text) {
        BigDecimal rate;
        try {
            rate = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new RatesFileException("the rates file has a rate that is not a decimal number");
        }
        if (rate.signum() <= 0 || rate.compareTo(new BigDecimal("1e9")) >= 0) {
            throw new RatesFileException("the rates file has a rate at or below zero, or absurdly large");
        }
        return rate;
    }
}
