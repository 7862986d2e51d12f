<#-- Procura: the one-time login code by e-mail (R2), sent by the procura-otp-code authenticator. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("procuraCodeBodyHtml", code, reference, validityMinutes))?no_esc}
</@layout.emailLayout>
