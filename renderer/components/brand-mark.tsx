/** The leaf, drawn inline as SVG (no image file, no data: URI for the CSP to allow). */
export function BrandMark({ className }: { readonly className: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12.7 2.2c-.2-.4-.5-.8-.7-1.2-.2.4-.4.8-.7 1.2C9.6 4.7 5.8 8 5.8 13.4c0 4 2.8 6.9 5.5 7.9l.3 2.7h.9l.3-2.7c2.7-1 5.4-3.9 5.4-7.9 0-5.4-3.8-8.7-5.5-11.2zm-.2 17.6-.5.4-.5-.4c-.4-3.5-.6-9.6.2-14.4.1-.4.2-.7.3-1 .1.3.2.6.3 1 .8 4.8.6 10.9.2 14.4z" />
    </svg>
  );
}
