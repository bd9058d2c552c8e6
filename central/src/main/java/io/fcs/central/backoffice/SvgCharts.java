package io.fcs.central.backoffice;

import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * Charts drawn on the server as inline SVG (decision 0202): no script is needed to see them, they
 * scale with the page, and each carries a title for screen readers (the figures are also in a
 * table beside it). Labels are escaped; values are drawn to the largest one.
 */
final class SvgCharts {

    /** One bar: its label (shown under or beside it) and its value. */
    record Bar(String label, long value, String valueText) {}

    private static final int COLUMN_WIDTH = 800;
    private static final int COLUMN_HEIGHT = 180;

    private SvgCharts() {}

    /** Vertical bars side by side (a time series), with the first, middle and last labels below. */
    static String columns(String title, List<Bar> bars) {
        long max = Math.max(
                1, bars.stream().mapToLong(b -> Math.max(0, b.value())).max().orElse(1));
        int n = Math.max(1, bars.size());
        double slot = (double) COLUMN_WIDTH / n;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ")
                .append(COLUMN_WIDTH)
                .append(' ')
                .append(COLUMN_HEIGHT + 24)
                .append("\" role=\"img\" preserveAspectRatio=\"none\" aria-label=\"")
                .append(escape(title))
                .append("\"><title>")
                .append(escape(title))
                .append("</title>");
        svg.append("<line x1=\"0\" y1=\"")
                .append(COLUMN_HEIGHT)
                .append("\" x2=\"")
                .append(COLUMN_WIDTH)
                .append("\" y2=\"")
                .append(COLUMN_HEIGHT)
                .append("\" class=\"axis\"/>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = Math.max(0, bar.value()) * (COLUMN_HEIGHT - 10.0) / max;
            svg.append("<rect class=\"bar\" x=\"")
                    .append(num(i * slot + slot * 0.1))
                    .append("\" y=\"")
                    .append(num(COLUMN_HEIGHT - h))
                    .append("\" width=\"")
                    .append(num(slot * 0.8))
                    .append("\" height=\"")
                    .append(num(h))
                    .append("\"><title>")
                    .append(escape(bar.label() + ": " + bar.valueText()))
                    .append("</title></rect>");
            if (i == 0 || i == bars.size() - 1 || i == bars.size() / 2) {
                String anchor = i == 0 ? "start" : i == bars.size() - 1 ? "end" : "middle";
                double x = i == 0 ? 0 : i == bars.size() - 1 ? COLUMN_WIDTH : i * slot + slot / 2;
                svg.append("<text x=\"")
                        .append(num(x))
                        .append("\" y=\"")
                        .append(COLUMN_HEIGHT + 18)
                        .append("\" text-anchor=\"")
                        .append(anchor)
                        .append("\">")
                        .append(escape(bar.label()))
                        .append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one row per item, label on the left and value on the right. */
    static String rows(String title, List<Bar> bars) {
        long max = Math.max(
                1, bars.stream().mapToLong(b -> Math.max(0, b.value())).max().orElse(1));
        int rowHeight = 28;
        int height = Math.max(1, bars.size()) * rowHeight;
        int labelWidth = 220;
        int valueWidth = 130;
        int width = 800;
        double span = width - labelWidth - valueWidth - 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(title))
                .append("\"><title>")
                .append(escape(title))
                .append("</title>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * rowHeight;
            double w = Math.max(0, bar.value()) * span / max;
            svg.append("<text x=\"0\" y=\"")
                    .append(y + 19)
                    .append("\">")
                    .append(escape(shorten(bar.label(), 28)))
                    .append("</text><rect class=\"bar\" x=\"")
                    .append(labelWidth)
                    .append("\" y=\"")
                    .append(y + 5)
                    .append("\" width=\"")
                    .append(num(Math.max(w, 1)))
                    .append("\" height=\"")
                    .append(rowHeight - 10)
                    .append("\"/><text x=\"")
                    .append(width)
                    .append("\" y=\"")
                    .append(y + 19)
                    .append("\" text-anchor=\"end\">")
                    .append(escape(bar.valueText()))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
