package io.fcs.central.portal;

import io.fcs.central.auth.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every portal page's layout needs: who is signed in (or nobody) and where we are, for the menu. */
@ControllerAdvice(basePackageClasses = PortalModel.class)
class PortalModel {

    @ModelAttribute("user")
    CurrentUser user() {
        return CurrentUser.current().orElse(null);
    }

    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
