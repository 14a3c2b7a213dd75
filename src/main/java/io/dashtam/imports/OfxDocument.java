package io.dashtam.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OFX document as a tree, from OFX 1.x SGML (leaf elements without end tags) or OFX 2.x XML alike. Each element
 * remembers its line, so errors can name it.
 */
final class OfxDocument {

    static final class Element {
        final String name;
        final int line;
        String value;
        final List<Element> children = new ArrayList<>();

        Element(String name, int line) {
            this.name = name;
            this.line = line;
        }

        Optional<Element> child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst();
        }

        List<Element> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        /** Every descendant with that name, depth first, in document order; a loop, not recursion. */
        List<Element> find(String descendant) {
            List<Element> out = new ArrayList<>();
            java.util.ArrayDeque<java.util.Iterator<Element>> path = new java.util.ArrayDeque<>();
            path.push(children.iterator());
            while (!path.isEmpty()) {
                var siblings = path.peek();
                if (!siblings.hasNext()) {
                    path.pop();
                    continue;
                }
                Element c = siblings.next();
                if (c.name.equals(descendant)) {
                    out.add(c);
                }
                path.push(c.children.iterator());
            }
            return out;
        }

        String text(String childName) {
            return child(childName).map(c -> c.value).filter(v -> !v.isEmpty()).orElse(null);
        }

        String required(String childName) {
            String v = text(childName);
            if (v == null) {
                throw new ImportException(line, childName, "missing in " + name);
            }
            return v;
        }

        int lineOf(String childName) {
            return child(childName).map(c -> c.line).orElse(line);
        }
    }

    /**
     * Deeper than any statement nests (about 10 levels): a file past it is refused, naming the line, before its tree
     * grows (an 8,000-level file overflowed the stack of the recursive search this replaced).
     */
    static final int MAX_DEPTH = 100;

    private OfxDocument() {
    }

    static Element parse(String text) {
        int start = text.indexOf("<OFX>");
        if (start < 0) {
            throw new ImportException(1, "OFX", "no <OFX> element: not an OFX/QFX file");
        }
        int line = 1 + (int) text.substring(0, start).chars().filter(c -> c == '\n').count();
        Element root = new Element("#root", line);
        List<Element> stack = new ArrayList<>();
        stack.add(root);
        int i = start;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (c != '<') {
                int next = text.indexOf('<', i);
                int end = next < 0 ? n : next;
                String value = text.substring(i, end);
                line += (int) value.chars().filter(ch -> ch == '\n').count();
                String trimmed = value.trim();
                if (!trimmed.isEmpty()) {
                    Element top = stack.get(stack.size() - 1);
                    if (top == root || !top.children.isEmpty()) {
                        throw new ImportException(line, top.name, "unexpected text");
                    }
                    top.value = unescape(trimmed);
                }
                i = end;
                continue;
            }
            int close = text.indexOf('>', i);
            if (close < 0) {
                throw new ImportException(line, "OFX", "unterminated tag");
            }
            String tag = text.substring(i + 1, close).trim();
            i = close + 1;
            if (tag.startsWith("?") || tag.startsWith("!")) {
                continue;
            }
            if (tag.startsWith("/")) {
                String name = tag.substring(1).trim();
                int at = indexOf(stack, name);
                if (at < 1) {
                    throw new ImportException(line, name, "end tag without a start tag");
                }
                // Leaves without end tags (SGML) close implicitly with their parent.
                while (stack.size() > at) {
                    stack.remove(stack.size() - 1);
                }
                continue;
            }
            if (tag.isEmpty() || !tag.matches("[A-Za-z0-9_.]+")) {
                throw new ImportException(line, "OFX", "malformed tag");
            }
            Element parent = stack.get(stack.size() - 1);
            if (parent.value != null) {
                // The parent was an SGML leaf (value, no end tag): it ends here, its sibling begins.
                stack.remove(stack.size() - 1);
                parent = stack.get(stack.size() - 1);
            }
            if (stack.size() > MAX_DEPTH) {
                throw ImportException.overLimit(line, tag.length() > 40 ? "OFX" : tag,
                        "elements nested more than " + MAX_DEPTH + " levels deep");
            }
            Element element = new Element(tag.toUpperCase(java.util.Locale.ROOT), line);
            parent.children.add(element);
            stack.add(element);
        }
        Element ofx = root.child("OFX").orElseThrow(() -> new ImportException(1, "OFX", "no OFX element"));
        return ofx;
    }

    private static int indexOf(List<Element> stack, String name) {
        for (int k = stack.size() - 1; k >= 0; k--) {
            if (stack.get(k).name.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return -1;
    }

    private static String unescape(String value) {
        return value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }
}
