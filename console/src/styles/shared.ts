/** Styles every screen shares: type, form controls, buttons, tables, messages. Contrast ≥ 4.5:1. */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    display: block;
    color: #1f2933;
  }
  h1 {
    font-size: 1.5rem;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.15rem;
    margin: 1.5rem 0 0.5rem;
  }
  a {
    color: var(--procura-primary, #0d5c75);
  }
  a:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 3px solid #f0b429;
    outline-offset: 2px;
  }
  button {
    font: inherit;
    border-radius: 0.375rem;
    padding: 0.45rem 0.9rem;
    cursor: pointer;
    border: 1px solid var(--procura-primary, #0d5c75);
    background: var(--procura-primary, #0d5c75);
    color: var(--procura-on-primary, #fff);
    min-height: 2.5rem;
  }
  button.secondary {
    background: #fff;
    color: var(--procura-primary, #0d5c75);
  }
  button.danger {
    background: #b42318;
    border-color: #b42318;
    color: #fff;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: default;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  input,
  select {
    font: inherit;
    padding: 0.4rem 0.5rem;
    border: 1px solid #7b8794;
    border-radius: 0.375rem;
    min-height: 2.5rem;
    box-sizing: border-box;
    max-width: 100%;
    background: #fff;
    color: inherit;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: #b42318;
  }
  .field {
    margin-bottom: 1rem;
  }
  .hint {
    color: #52606d;
    font-size: 0.9rem;
    margin: 0.25rem 0 0;
  }
  .error {
    color: #b42318;
    font-size: 0.95rem;
    margin: 0.35rem 0 0;
  }
  .warning {
    background: #fffbea;
    border-left: 4px solid #b44d12;
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
  }
  .notice {
    background: #e3f8ff;
    border-left: 4px solid var(--procura-accent, #0d5c75);
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: flex-end;
  }
  .muted {
    color: #52606d;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  section {
    background: #fff;
    border: 1px solid #d9e2ec;
    border-radius: 0.5rem;
    padding: 1rem;
    margin-top: 1rem;
  }
  section h2 {
    margin-top: 0;
  }
  input[type='text'] {
    width: 22rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem;
    border-bottom: 1px solid #d9e2ec;
    vertical-align: top;
  }
  th {
    font-weight: 600;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.4rem 1rem;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  @media (max-width: 40rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-bottom: 0.5rem;
    }
    input[type='text'],
    select {
      width: 100%;
    }
  }
`;
