import { Fragment } from 'react';

/**
 * An ARN, URI or long name that wraps after `/` and `:` (never inside a word), with the whole value on hover; copying
 * the selection gives the value unchanged (<wbr> adds no character).
 */
export function Breakable({ text, className }: { readonly text: string; readonly className?: string }) {
  const parts = text.split(/(?<=[/:])/);
  return (
    <span className={className === undefined ? 'breakable' : `breakable ${className}`} title={text}>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index === 0 ? null : <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
