import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, IconName } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

/**
 * A state of the panel in words (no data, a wrong query, a failed query), large enough to read on a wall. Shared
 * with the call path panel.
 */
export function PanelMessage({
  icon,
  tone = 'info',
  title,
  children,
  testId = 'panel-message',
}: {
  testId?: string;
  icon: IconName;
  tone?: 'info' | 'error';
  title: string;
  children?: React.ReactNode;
}) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} data-testid={testId} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon name={icon} size="xxl" className={tone === 'error' ? styles.errorIcon : styles.icon} />
      <div className={styles.title}>{title}</div>
      {children && <div className={styles.detail}>{children}</div>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: theme.spacing(1),
    textAlign: 'center',
    padding: theme.spacing(2),
  }),
  icon: css({ color: theme.colors.text.secondary }),
  errorIcon: css({ color: theme.colors.error.text }),
  title: css({ fontSize: theme.typography.h4.fontSize, color: theme.colors.text.primary }),
  detail: css({ color: theme.colors.text.secondary, maxWidth: 640 }),
});
