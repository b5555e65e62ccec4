package io.leadreach.examples.crm.pages;

import io.leadreach.examples.crm.DemoCrmSecurity;
import io.leadreach.examples.crm.DemoUsers;
import io.leadreach.security.Permission;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page ({@code /}, a redirect to the leads) and the sign-in page ({@code GET /login};
 * Spring Security's form login takes the {@code POST}). The sign-in page lists the demo users and
 * what each may do, never their passwords: those are printed in the console at start.
 */
@Controller
public class SignInPage {

    private final DemoUsers users;

    /** The pages of these demo users. */
    public SignInPage(DemoUsers users) {
        this.users = users;
    }

    /** A demo user on the sign-in page. */
    public record DemoUserRow(String name, String permissions) {
    }

    /** The home page: the leads (the sign-in page first, without a session). */
    @GetMapping("/")
    public String home() {
        return "redirect:" + DemoCrmSecurity.HOME;
    }

    /** The sign-in page; a user already signed in goes to the leads. */
    @GetMapping(DemoCrmSecurity.LOGIN)
    public String login(Authentication authentication, Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:" + DemoCrmSecurity.HOME;
        }
        List<DemoUserRow> rows = users.users().stream()
                .map(u -> new DemoUserRow(u.name(), u.permissions().isEmpty() ? "the CRM only, no WhatsApp"
                        : u.permissions().stream().map(Permission::authority)
                                .map(a -> a.replace("lead-whatsapp-", "")).collect(Collectors.joining(", "))))
                .toList();
        model.addAttribute("demoUsers", rows);
        return "crm/login";
    }
}
