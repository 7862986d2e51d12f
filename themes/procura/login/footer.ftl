<#-- Procura: footer under the login box (keycloak.v2's template.ftl calls this macro).
     On the first-step pages (e-mail and password) it says that a one-time code
     follows. On the new-password page (R3) it hands js/procura-password.js the
     realm's password policy and the button's texts, so the script offers a generated
     password without copying Keycloak's template. On the other pages it renders
     nothing. pageId is the template's name without ".ftl" (the body's data-page-id
     is "login-" + pageId).
     Issue 16 item 6: on the first-step pages and the forgotten-password page, « Je n'arrive
     plus à me connecter » gives the support contact. It comes from the realm's attributes
     procura.support.* (set from sync-service's support configuration, decision 0044), never
     from this theme; without them the section is not shown. -->
<#macro content>
  <#if pageId?? && ["login", "login-username", "login-password"]?seq_contains(pageId)>
    <p id="procura-second-step-hint" class="procura-second-step-hint">${msg("procuraSecondStepHint")}</p>
  </#if>
  <#assign support = (realm.attributes)!{}>
  <#-- Issue 17: the portal's colours, from the realm's attributes procura.portal.* (its name comes
       with the realm's texts); without them the theme's own. -->
  <#if support["procura.portal.primary"]?has_content>
    <style>:root { --procura-brand: ${support["procura.portal.primary"]}; --procura-accent: ${support["procura.portal.accent"]!support["procura.portal.primary"]}; }</style>
  </#if>
  <#if pageId?? && ["login", "login-username", "login-password", "login-reset-password"]?seq_contains(pageId) && support["procura.support.email"]?has_content>
    <#assign language = ((locale.currentLanguageTag)!"fr")?keep_before("-")>
    <#assign hours = support["procura.support.hours." + language]!support["procura.support.hours.fr"]!"">
    <details id="procura-support" class="procura-support">
      <summary>${msg("procuraSupportTitle")}</summary>
      <p>${msg("procuraSupportIntro")}</p>
      <ul>
        <li>${msg("procuraSupportEmail")} <a href="mailto:${support["procura.support.email"]}">${support["procura.support.email"]}</a></li>
        <#if support["procura.support.phone"]?has_content>
          <li>${msg("procuraSupportPhone")} <a href="tel:${support["procura.support.phone"]?replace(" ", "")}">${support["procura.support.phone"]}</a></li>
        </#if>
        <#if hours?has_content><li>${msg("procuraSupportHours")} ${hours}</li></#if>
      </ul>
    </details>
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
