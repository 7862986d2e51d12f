<#-- Procura: footer under the login box (keycloak.v2's template.ftl calls this macro).
     On the first-step pages (e-mail and password) it says that a one-time code
     follows; on the other pages it renders nothing. pageId is the template's
     name without ".ftl" (the body's data-page-id is "login-" + pageId). -->
<#macro content>
  <#if pageId?? && ["login", "login-username", "login-password"]?seq_contains(pageId)>
    <p id="procura-second-step-hint" class="procura-second-step-hint">${msg("procuraSecondStepHint")}</p>
  </#if>
</#macro>
