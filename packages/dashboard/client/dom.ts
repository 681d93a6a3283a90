// A few lines instead of a framework: elements built from tag, attributes and children.
type Child = Node | string | number | false | null | undefined
type Attribute = string | boolean | undefined | ((event: Event) => void)

/** An element with these attributes (`on…` keys are listeners; `false`/`undefined` are left out) and children. */
export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Record<string, Attribute> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value)
    else if (value === true) element.setAttribute(name, '')
    else if (typeof value === 'string') element.setAttribute(name, value)
  }
  element.append(
    ...children
      .flat()
      .filter((child) => child !== false && child !== null && child !== undefined)
      .map(toNode),
  )
  return element
}

function toNode(child: Child): Node {
  return child instanceof Node ? child : document.createTextNode(String(child))
}

/** Replaces the children of `parent`. */
export function replace(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren(
    ...children
      .flat()
      .filter((child) => child !== false && child !== null && child !== undefined)
      .map(toNode),
  )
}

/** The content of `<meta name=…>`, written by the server into the page. */
export function meta(name: string): string {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? ''
}
