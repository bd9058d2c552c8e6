package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A zone's prices, versioned: per point of sale (a bar, a food stand, identified by a code such
 * as its id), the products it sells. Always a full list; a receiver keeps the highest version.
 */
public record PriceList(long version, List<PointOfSale> pointsOfSale) implements Message {

    public static final int MAX_POINTS_OF_SALE = 0xFFFF;
    public static final int MAX_PRODUCTS = 0xFFFF;
    public static final int MAX_NAME_BYTES = 200;
    public static final int MAX_CATEGORY_BYTES = 100;

    public PriceList {
        Fields.version("version", version);
        pointsOfSale = Fields.list("pointsOfSale", pointsOfSale, MAX_POINTS_OF_SALE);
        unique(
                "point of sale code",
                pointsOfSale.stream().map(PointOfSale::code).toList());
    }

    static void unique(String what, List<String> codes) {
        Set<String> seen = new HashSet<>();
        for (String code : codes) {
            if (!seen.add(code)) {
                throw new IllegalArgumentException(what + " " + code + " appears twice");
            }
        }
    }

    /** One point of sale and its products; product codes are unique within it. */
    public record PointOfSale(String code, String name, List<Product> products) {
        public PointOfSale {
            Fields.key("point of sale code", code);
            Fields.text("point of sale name", name, 1, MAX_NAME_BYTES);
            products = Fields.list("products", products, MAX_PRODUCTS);
            unique("product code", products.stream().map(Product::code).toList());
        }
    }

    /** A product as the bar staff see it on the POS: code, name, price (never negative), category. */
    public record Product(String code, String name, Money price, String category) {
        public Product {
            Fields.key("product code", code);
            Fields.text("product name", name, 1, MAX_NAME_BYTES);
            Fields.nonNegative("price", price);
            Fields.text("category", Objects.requireNonNull(category, "category"), 0, MAX_CATEGORY_BYTES);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.PRICE_LIST;
    }
}
