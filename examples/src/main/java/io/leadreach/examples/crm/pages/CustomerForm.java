package io.leadreach.examples.crm.pages;

/** What the customer edit page posts: the name and the mobile number. */
public class CustomerForm {

    private String name;
    private String mobile;

    /** An empty form, for binding. */
    public CustomerForm() {
    }

    /** A form with these values. */
    public CustomerForm(String name, String mobile) {
        this.name = name;
        this.mobile = mobile;
    }

    /** The name. */
    public String getName() {
        return name;
    }

    /** Sets the name. */
    public void setName(String name) {
        this.name = name;
    }

    /** The mobile number, with its country code ({@code +1 201 555 0123}). */
    public String getMobile() {
        return mobile;
    }

    /** Sets the mobile number. */
    public void setMobile(String mobile) {
        this.mobile = mobile;
    }
}
