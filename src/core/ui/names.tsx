/**
 * Thai proper names (ลูโบะปือซา, หะเดวา) are not in the browser's line-break dictionary, so a
 * line may break inside them. These render a name so that it breaks only between its parts.
 */
export function Unbroken({ parts }: { parts: string[] }) {
  return (
    <>
      {parts.map((p, i) => (
        <>
          {i > 0 ? <wbr /> : null}
          <span class="nowrap">{p}</span>
        </>
      ))}
    </>
  );
}

/** "นายอับดุลเลาะ สาและ": title+first name, then last name, each kept whole. */
export function PersonName({ name }: { name: string }) {
  const parts = name.split(' ');
  return <Unbroken parts={parts.map((p, i) => (i < parts.length - 1 ? `${p} ` : p))} />;
}

/** "องค์การบริหารส่วนตำบล" + "ลูโบะปือซา": the type breaks between its dictionary words, the place name never. */
export function OrgFullName({ typeFull, name }: { typeFull: string; name: string }) {
  return (
    <>
      {typeFull}
      <wbr />
      <span class="nowrap">{name}</span>
    </>
  );
}
