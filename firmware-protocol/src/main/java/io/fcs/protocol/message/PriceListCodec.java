package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * Price list body (after the 4-byte header, type 0x11). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4     8  version (i64, &gt;= 1)
 *      12     2  point of sale count p (u16)
 *      14        p times:
 *                  1  code length K (u8, 1..64)     K  code, ASCII [a-z0-9._-], unique
 *                  2  name length N (u16, 1..200)   N  name (UTF-8)
 *                  2  product count q (u16)
 *                     q times:
 *                       1  code length (u8, 1..64)     .  code, ASCII [a-z0-9._-], unique in the point of sale
 *                       2  name length (u16, 1..200)   .  name (UTF-8)
 *                       8  price, minor units (i64, &gt;= 0)
 *                       3  price currency (ASCII A-Z)
 *                       2  category length (u16, 0..100)  .  category (UTF-8)
 * </pre>
 */
final class PriceListCodec implements BodyCodec<PriceList> {

    /** Smallest point of sale: 1+1 code, 2+1 name, 2 product count. */
    static final int MIN_POINT_OF_SALE_BYTES = 7;
    /** Smallest product: 1+1 code, 2+1 name, 11 price, 2 category length. */
    static final int MIN_PRODUCT_BYTES = 18;

    @Override
    public MessageType type() {
        return MessageType.PRICE_LIST;
    }

    @Override
    public Class<PriceList> messageClass() {
        return PriceList.class;
    }

    @Override
    public void write(PriceList list, WireWriter out) {
        out.i64(list.version()).u16(list.pointsOfSale().size());
        for (PriceList.PointOfSale pos : list.pointsOfSale()) {
            out.key(pos.code()).text(pos.name()).u16(pos.products().size());
            for (PriceList.Product product : pos.products()) {
                out.key(product.code())
                        .text(product.name())
                        .money(product.price())
                        .text(product.category());
            }
        }
    }

    @Override
    public PriceList read(WireReader in) throws WireReader.Refusal {
        long version = in.i64AtLeast("version", 1);
        int posCount = in.count16("point of sale count", PriceList.MAX_POINTS_OF_SALE, MIN_POINT_OF_SALE_BYTES);
        List<PriceList.PointOfSale> points = new ArrayList<>(posCount);
        for (int i = 0; i < posCount; i++) {
            String code = in.key("point of sale " + i + " code");
            String name = in.text("point of sale " + code + " name", 1, PriceList.MAX_NAME_BYTES);
            int productCount = in.count16("product count of " + code, PriceList.MAX_PRODUCTS, MIN_PRODUCT_BYTES);
            List<PriceList.Product> products = new ArrayList<>(productCount);
            for (int j = 0; j < productCount; j++) {
                String productCode = in.key("product " + j + " code");
                String productName = in.text("product " + productCode + " name", 1, PriceList.MAX_NAME_BYTES);
                Money price = in.moneyNonNegative("price of " + productCode);
                String category = in.text("category of " + productCode, 0, PriceList.MAX_CATEGORY_BYTES);
                products.add(new PriceList.Product(productCode, productName, price, category));
            }
            points.add(new PriceList.PointOfSale(code, name, products));
        }
        return new PriceList(version, points);
    }
}
