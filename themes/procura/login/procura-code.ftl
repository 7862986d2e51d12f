<#-- Procura: second login step, type the one-time code (R2). Rendered by the procura-otp-code
     authenticator (keycloak-providers, ch.procura.keycloak.otp) with `procuraCode`: channel
     (email|sms), destination (masked), reference, length, validityMinutes, canChoose. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
    <#if section="header">
        ${msg("procuraCodeTitle")}
    <#elseif section="form">
        <p id="procura-code-instruction" class="procura-code-instruction" data-channel="${procuraCode.channel}">
            <#if procuraCode.channel == "sms">
                ${msg("procuraCodeInstructionSms", procuraCode.length, procuraCode.destination, procuraCode.validityMinutes)}
            <#else>
                ${msg("procuraCodeInstructionEmail", procuraCode.length, procuraCode.destination, procuraCode.validityMinutes)}
            </#if>
        </p>
        <p id="procura-code-reference" class="procura-code-reference">
            ${msg("procuraCodeReference")} <strong data-reference="${procuraCode.reference}">${procuraCode.reference}</strong>
        </p>
        <form id="procura-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@field.input name="code" label=msg("procuraCodeLabel") autocomplete="one-time-code" fieldName="code" autofocus=true />
            <@buttons.actionGroup>
                <@buttons.button id="procura-code-submit" name="login" label="procuraCodeSubmit" />
                <@buttons.button id="procura-code-resend" name="resend" label="procuraCodeResend" type="secondary" />
                <#if procuraCode.canChoose>
                    <@buttons.button id="procura-code-choose" name="choose" label="procuraCodeChoose" type="link" />
                </#if>
            </@buttons.actionGroup>
        </form>
        <p class="procura-code-help">${msg("procuraCodeHelp")}</p>
    </#if>
</@layout.registrationLayout>
