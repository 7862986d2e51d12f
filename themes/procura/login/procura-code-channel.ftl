<#-- Procura: choose where the one-time code goes, e-mail or SMS (R2). Shown by the
     procura-otp-code authenticator only to a person with a verified mobile number;
     `procuraChannel`: email and phone, both masked. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout; section>
    <#if section="header">
        ${msg("procuraChannelTitle")}
    <#elseif section="form">
        <p id="procura-channel-instruction">${msg("procuraChannelInstruction")}</p>
        <form id="procura-code-channel-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}" role="radiogroup" aria-labelledby="procura-channel-instruction">
                <div class="pf-v5-c-radio">
                    <input class="pf-v5-c-radio__input" type="radio" id="procura-channel-email" name="channel" value="email" checked />
                    <label class="pf-v5-c-radio__label" for="procura-channel-email">${msg("procuraChannelEmail", procuraChannel.email)}</label>
                </div>
                <div class="pf-v5-c-radio">
                    <input class="pf-v5-c-radio__input" type="radio" id="procura-channel-sms" name="channel" value="sms" />
                    <label class="pf-v5-c-radio__label" for="procura-channel-sms">${msg("procuraChannelSms", procuraChannel.phone)}</label>
                </div>
            </div>
            <@buttons.actionGroup>
                <@buttons.button id="procura-channel-submit" name="send" label="procuraChannelSubmit" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
