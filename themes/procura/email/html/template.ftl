<#-- Procura: the layout of every HTML e-mail of this theme (Keycloak's and the code e-mail). The
     base theme's layout is a bare <html><body>; this one adds the brand line and the closing line,
     with inline styles only (mail clients drop stylesheets and external resources). The text
     versions carry the same words without the layout. The brand line is the portal's name: the
     realm's texts (issue 17) give it in place of « Procura ». -->
<#macro emailLayout>
<html lang="${locale.language}" dir="${(ltr)?then('ltr','rtl')}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;">
  <p id="procura-mail-brand" style="margin:0 0 16px;font-size:18px;font-weight:bold;color:#0b5394;">${msg("procuraMailBrand")}</p>
  <div style="background:#ffffff;border:1px solid #d8dde3;border-radius:6px;padding:20px 24px;">
    <#nested>
  </div>
  <p id="procura-mail-footer" style="margin:16px 0 0;font-size:12px;color:#616e7c;">${msg("procuraMailFooter")}</p>
</div>
</body>
</html>
</#macro>
