<#ftl output_format="plainText">
${msg("procuraCodeBody", code, reference, validityMinutes)}
