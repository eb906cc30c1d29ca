import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { Highlighted } from './highlight';

describe('Highlighted', () => {
  it('renders <mark> and nothing else as markup', () => {
    const { container } = render(
      <p>
        <Highlighted html={'Night &lt;b&gt;<mark>camera</mark> &amp; <img src=x onerror=alert(1)><script>x</script>'} />
      </p>,
    );
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.querySelector('mark')).toHaveTextContent('camera');
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(container.textContent).toBe('Night <b>camera & <img src=x onerror=alert(1)><script>x</script>');
  });
});
