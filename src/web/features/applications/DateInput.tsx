import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface DateInputProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
}

/** A date picker whose form value is a plain 'YYYY-MM-DD' string (PlainDate), never a Date. */
export function DateInput({ value, onChange, id, disabled, placeholder = '选择日期' }: DateInputProps) {
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      disabled={disabled}
      placeholder={placeholder}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}
