import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface DateFieldProps {
  /** YYYY-MM-DD */
  value?: string;
  onChange?: (date: string | undefined) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
}

/** A date picker whose value is a plain YYYY-MM-DD string, as in the interchange JSON. */
export function DateField({ value, onChange, id, placeholder = '选择日期', disabled }: DateFieldProps) {
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      placeholder={placeholder}
      disabled={disabled}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}
