package io.fcs.terminal.pos;

import io.fcs.terminal.store.Product;
import io.fcs.terminal.ui.ToneBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The bar screen: binds {@link PosViewModel}; no logic here. */
public final class PosView {

    private final PosViewModel model;

    @FXML
    private BorderPane root;

    @FXML
    private FlowPane productGrid;

    @FXML
    private ListView<CartLine> cartList;

    @FXML
    private ListView<String> historyList;

    @FXML
    private Label totalLabel;

    @FXML
    private Button chargeButton;

    @FXML
    private PasswordField supervisorPin;

    @FXML
    private VBox resultBanner;

    @FXML
    private Label headline;

    @FXML
    private Label detail;

    @FXML
    private Label shiftSummary;

    public PosView(PosViewModel model) {
        this.model = model;
    }

    @FXML
    void initialize() {
        model.products().addListener((javafx.collections.ListChangeListener<Product>) change -> rebuildGrid());
        rebuildGrid();
        cartList.setItems(model.cart());
        cartList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(CartLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : model.lineText(line));
            }
        });
        cartList.setOnMouseClicked(event -> {
            CartLine selected = cartList.getSelectionModel().getSelectedItem();
            if (selected != null && event.getClickCount() == 2) {
                model.removeOne(selected);
            }
        });
        historyList.setItems(model.history());
        totalLabel.textProperty().bind(model.totalTextProperty());
        chargeButton.disableProperty().bind(model.chargeDisabledProperty());
        headline.textProperty().bind(model.headlineProperty());
        detail.textProperty().bind(model.detailProperty());
        shiftSummary.textProperty().bind(model.shiftSummaryProperty());
        ToneBinding.bind(resultBanner, model.toneProperty());
    }

    private void rebuildGrid() {
        productGrid.getChildren().clear();
        for (Product product : model.products()) {
            Button tile = new Button(product.name() + "\n" + model.priceText(product));
            tile.setId("product-" + product.code());
            tile.getStyleClass().add("product-tile");
            tile.setOnAction(event -> model.add(product));
            productGrid.getChildren().add(tile);
        }
    }

    @FXML
    void charge() {
        model.charge();
    }

    @FXML
    void clearCart() {
        model.clearCart();
    }

    @FXML
    void closeShift() {
        model.closeShift();
    }

    @FXML
    void voidLast() {
        model.voidLastSale(supervisorPin.getText());
        supervisorPin.clear();
    }

    public BorderPane root() {
        return root;
    }
}
