<#-- Procura: footer under the login box (keycloak.v2's template.ftl calls this macro).
     On the first-step pages (e-mail and password) it says that a one-time code
     follows. On the new-password page (R3) it hands js/procura-password.js the
     realm's password policy and the button's texts, so the script offers a generated
     password without copying Keycloak's template. On the other pages it renders
     nothing. pageId is the template's name without ".ftl" (the body's data-page-id
     is "login-" + pageId). -->
<#macro content>
  <#if pageId?? && ["login", "login-username", "login-password"]?seq_contains(pageId)>
    <p id="procura-second-step-hint" class="procura-second-step-hint">${msg("procuraSecondStepHint")}</p>
  </#if>
  <#if pageId?? && pageId == "login-update-password">
    <#assign policy = passwordPolicies!{}>
    <div id="procura-password-generator" hidden
         data-min-length="${(policy.length)!12}" data-max-length="${(policy.maxLength)!128}"
         data-lower-case="${(policy.lowerCase)!0}" data-upper-case="${(policy.upperCase)!0}"
         data-digits="${(policy.digits)!0}" data-special-chars="${(policy.specialChars)!0}"
         data-label="${msg("procuraPasswordGenerate")}" data-shown="${msg("procuraPasswordGenerated")}"
         data-hint="${msg("procuraPasswordGeneratedHint")}"></div>
  </#if>
</#macro>
