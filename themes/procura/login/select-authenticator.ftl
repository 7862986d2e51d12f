<#import "template.ftl" as layout>
<#--
  "Try another way": the steps of the second factor this person may use. Keycloak shows this page
  only to people with more than one, that is to people who enrolled an authenticator app or a
  passkey; for them the code by e-mail or SMS is no way in (the step refuses to send it), so it is
  not offered. Each choice is a form of its own with a real button (no script, keyboard and screen
  readers included).
-->
<@layout.registrationLayout displayInfo=false; section>
    <#if section = "header">
        ${msg("loginChooseAuthenticator")}
    <#elseif section = "form">
        <ul class="${properties.kcSelectAuthListClass!}" role="list" id="procura-select-authenticator">
            <#list auth.authenticationSelections?filter(choice -> choice.displayName != "procura-otp-code-display-name") as choice>
                <li class="${properties.kcSelectAuthListItemWrapperClass!}">
                    <form class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                        <input type="hidden" name="authenticationExecution" value="${choice.authExecId}">
                        <button type="submit" class="${properties.kcSelectAuthListItemClass!} procura-choice">
                            <span class="${properties.kcSelectAuthListItemHeadingClass!}">${msg(choice.displayName)}</span>
                            <span class="${properties.kcSelectAuthListItemDescriptionClass!}">${msg(choice.helpText)}</span>
                        </button>
                    </form>
                </li>
            </#list>
        </ul>
    </#if>
</@layout.registrationLayout>
