<#-- Procura: add and verify a mobile number (R2), the required action procura-mobile-number
     (keycloak-providers, ch.procura.keycloak.mobile). `procuraMobile`: step (number|code), number
     (typed), current (verified number on file, masked, or ""), and on the code step destination
     (masked), reference, length, validityMinutes. Optional: "Plus tard" ends it without a number. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phone_number', 'code'); section>
    <#if section="header">
        ${msg("procuraMobileTitle")}
    <#elseif section="form">
        <#if procuraMobile.step == "number">
            <p id="procura-mobile-instruction" class="procura-code-instruction">${msg("procuraMobileInstruction")}</p>
            <#if procuraMobile.current?has_content>
                <p id="procura-mobile-current">${msg("procuraMobileCurrent", procuraMobile.current)}</p>
            </#if>
            <form id="procura-mobile-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" data-step="number">
                <@field.input name="phone_number" label=msg("procuraPhoneNumber") value=procuraMobile.number autocomplete="tel" autofocus=true />
                <p class="procura-code-help">${msg("procuraMobileFormat")}</p>
                <@buttons.actionGroup>
                    <@buttons.button id="procura-mobile-send" name="send" label="procuraMobileSend" />
                    <@buttons.button id="procura-mobile-skip" name="skip" label="procuraMobileSkip" type="secondary" />
                </@buttons.actionGroup>
            </form>
        <#else>
            <p id="procura-mobile-instruction" class="procura-code-instruction" data-channel="sms">
                ${msg("procuraMobileCodeInstruction", procuraMobile.length, procuraMobile.destination, procuraMobile.validityMinutes)}
            </p>
            <p id="procura-mobile-reference" class="procura-code-reference">
                ${msg("procuraCodeReference")} <strong data-reference="${procuraMobile.reference}">${procuraMobile.reference}</strong>
            </p>
            <form id="procura-mobile-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" data-step="code">
                <@field.input name="code" label=msg("procuraCodeLabel") autocomplete="one-time-code" fieldName="code" autofocus=true />
                <@buttons.actionGroup>
                    <@buttons.button id="procura-mobile-verify" name="verify" label="procuraMobileVerify" />
                    <@buttons.button id="procura-mobile-resend" name="resend" label="procuraCodeResend" type="secondary" />
                    <@buttons.button id="procura-mobile-change" name="change" label="procuraMobileChange" type="link" />
                    <@buttons.button id="procura-mobile-skip" name="skip" label="procuraMobileSkip" type="link" />
                </@buttons.actionGroup>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
