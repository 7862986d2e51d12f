/*
 * Procura, R3: on the new-password page, a button that fills both fields with a strong password
 * drawn from the browser's CSPRNG (crypto.getRandomValues) and shows it, so the person can keep it
 * in a password manager. The realm's policy and the texts come from #procura-password-generator,
 * which footer.ftl writes on that page only; elsewhere this script does nothing. No external
 * resource, no network call: the password never leaves the page except in the form.
 */
(function () {
  'use strict';

  // Unambiguous characters (no l/1/I, O/0) so that a shown password can be copied by hand.
  var SETS = {
    lower: 'abcdefghijkmnopqrstuvwxyz',
    upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
    digits: '23456789',
    special: '-_.!@#%+=?*'
  };

  /** A uniform integer in [0, n), by rejection sampling over 32-bit words. */
  function randomBelow(n) {
    var limit = Math.floor(0x100000000 / n) * n;
    var word = new Uint32Array(1);
    do { crypto.getRandomValues(word); } while (word[0] >= limit);
    return word[0] % n;
  }

  function pick(set) {
    return set.charAt(randomBelow(set.length));
  }

  /**
   * A password for `policy` ({minLength, maxLength, lowerCase, upperCase, digits, specialChars}):
   * 20 characters or the policy's minimum if longer, at least one of each kind (more if the policy
   * asks), the rest from all kinds, then shuffled (Fisher–Yates).
   */
  function generate(policy) {
    var wanted = {
      lower: Math.max(1, policy.lowerCase), upper: Math.max(1, policy.upperCase),
      digits: Math.max(1, policy.digits), special: Math.max(1, policy.specialChars)
    };
    var floor = wanted.lower + wanted.upper + wanted.digits + wanted.special;
    var length = Math.min(Math.max(20, policy.minLength, floor), Math.max(policy.maxLength, floor));
    var chars = [];
    Object.keys(wanted).forEach(function (kind) {
      for (var i = 0; i < wanted[kind]; i++) chars.push(pick(SETS[kind]));
    });
    var all = SETS.lower + SETS.upper + SETS.digits + SETS.special;
    while (chars.length < length) chars.push(pick(all));
    for (var j = chars.length - 1; j > 0; j--) {
      var k = randomBelow(j + 1);
      var swap = chars[j]; chars[j] = chars[k]; chars[k] = swap;
    }
    return chars.join('');
  }

  function number(element, name, fallback) {
    var value = parseInt(element.getAttribute('data-' + name), 10);
    return isNaN(value) || value < 0 ? fallback : value;
  }

  function install() {
    var settings = document.getElementById('procura-password-generator');
    var form = document.getElementById('kc-passwd-update-form');
    var fields = [document.getElementById('password-new'), document.getElementById('password-confirm')];
    if (!settings || !form || !fields[0] || !window.crypto || !crypto.getRandomValues) return;
    var policy = {
      minLength: number(settings, 'min-length', 12), maxLength: number(settings, 'max-length', 128),
      lowerCase: number(settings, 'lower-case', 0), upperCase: number(settings, 'upper-case', 0),
      digits: number(settings, 'digits', 0), specialChars: number(settings, 'special-chars', 0)
    };

    var button = document.createElement('button');
    button.type = 'button';
    button.id = 'procura-password-generate';
    button.className = 'pf-v5-c-button pf-m-secondary pf-m-block procura-password-generate';
    button.textContent = settings.getAttribute('data-label');
    var shown = document.createElement('p');
    shown.id = 'procura-password-shown';
    shown.className = 'procura-password-shown';
    shown.setAttribute('aria-live', 'polite');
    shown.hidden = true;

    button.addEventListener('click', function () {
      var password = generate(policy);
      fields.forEach(function (field) {
        if (!field) return;
        field.value = password;
        field.type = 'text';
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
      });
      shown.textContent = '';
      shown.appendChild(document.createTextNode(settings.getAttribute('data-shown') + ' '));
      var code = document.createElement('code');
      code.id = 'procura-password-value';
      code.textContent = password;
      shown.appendChild(code);
      shown.appendChild(document.createElement('br'));
      shown.appendChild(document.createTextNode(settings.getAttribute('data-hint')));
      shown.hidden = false;
    });

    var anchor = (fields[1] || fields[0]).closest('.pf-v5-c-form__group') || fields[0].parentNode;
    anchor.parentNode.insertBefore(shown, anchor.nextSibling);
    anchor.parentNode.insertBefore(button, anchor.nextSibling);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', install);
  else install();
})();
